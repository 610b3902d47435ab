"""The iWmo 3.2 standard as both ends of the exchange need it: its fourteen messages as data (`messages/`) and
their XML (`codec.py`). Shared by the gemeente's gateway (`services/iwmo`) and the reference provider when it
speaks XML (`services/care`); what each end does with a message stays in its own service."""
