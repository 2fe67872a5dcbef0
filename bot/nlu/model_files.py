"""One trained object per custom component, kept in Rasa's model storage.

The need classifier and the crisis net both keep a fitted model in the Rasa model file, so the
server needs nothing else; an untrained component (a core-only model, `rasa test`) loads as None.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


def read_model(storage: ModelStorage, resource: Resource, name: str,
               load: Callable[[Path], Any]) -> Optional[Any]:
    """The object ``load`` reads from file ``name`` of the component's resource, or None when the
    component was never trained."""
    try:
        with storage.read_from(resource) as directory:
            return load(Path(directory) / name)
    except (ValueError, FileNotFoundError, OSError):
        return None


def write_model(storage: ModelStorage, resource: Resource, name: str, save: Callable[[Path], None]) -> None:
    """Let ``save`` write file ``name`` into the component's resource."""
    with storage.write_to(resource) as directory:
        save(Path(directory) / name)
