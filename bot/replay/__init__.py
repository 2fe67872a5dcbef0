"""The ombudsman's replay: play a complaint scenario against the assistant and check what it does
(``python -m bot replay``, docs/contract/interfaces.md section 2)."""
