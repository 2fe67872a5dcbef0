"""Where things live. Everything generated goes under build/ and models/, never into data/."""
from pathlib import Path
import os

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ROUTING_DATA = DATA / "routing"
BUILD = Path(os.environ.get("LOKETWIJZER_BUILD", ROOT / "build"))
MODELS = ROOT / "models"
SPACY_PIPELINE = BUILD / "spacy" / "nl_loketwijzer"
ROUTING_DB = BUILD / "routing.db"
CONTRACT = ROOT.parent / "shared" / "contract"

# Files whose content decides the trained Rasa model (see bot.tools.train).
TRAINING_INPUTS = ["config.yml", "domain.yml", "data/nlu", "data/stories", "data/rules",
                   # the crisis net is trained with the model, with the patterns of crisis.yml as features;
                   # data/signals/context.yml (route-changing facts) is read at answer time only
                   "data/crisis", "data/signals/crisis.yml",
                   "bot/nlu/components.py", "bot/nlu/tfidf_classifier.py", "bot/nlu/places.py", "bot/nlu/model_files.py", "bot/crisis",
                   "bot/handover/policy.py", "bot/handover/dialogue.py"]  # custom components run during training too
# What Rasa reads as training data. Not all of data/: data/routing/ and data/signals/ are ours.
RASA_DATA = ["data/nlu", "data/stories", "data/rules"]
