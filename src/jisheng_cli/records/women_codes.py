"""The coded columns of the women's register, the procedures ledger and their field check:
the canonical codes as small integers (what the checks hand to the engine) and their names
(what the config and the indicators call them). The spellings each accepts are below them.
"""

from __future__ import annotations

# GB/T 2261.2 marital status, kept as its own two digits. Married = 20–23.
MARITAL_CODES = (10, 20, 21, 22, 23, 30, 40, 90)
MARRIED = (20, 21, 22, 23)
NO_MARITAL = -1  # a field check's empty cell

# Contraceptive methods (国人口统2表). 0 = none; the engine's arrays hold these integers.
METHODS = ("vasectomy", "tubal", "iud", "implant", "pill", "injection", "condom",
           "spermicide", "other")
METHOD_CODE = {name: i + 1 for i, name in enumerate(METHODS)} | {"none": 0}
NO_METHOD = -1  # a field check's empty cell
STERILISATIONS = ("vasectomy", "tubal")
# Two real methods that differ: the first of these is the effective one (two_methods).
METHOD_PREFERENCE = ("vasectomy", "tubal", "iud", "implant", "injection", "pill", "condom",
                     "spermicide", "other")

# Why a married woman uses no method. 0 = no reason given.
REASONS = ("menopause", "infertile", "pregnant", "postpartum", "awaiting", "illness", "other")
REASON_CODE = {name: i + 1 for i, name in enumerate(REASONS)} | {"": 0}

# Residence (人口类别): an empty register cell is local; a field check's empty cell is -1.
RESIDENCES = ("local", "outflow", "inflow")
RESIDENCE_CODE = {name: i for i, name in enumerate(RESIDENCES)}
NO_RESIDENCE = -1

PROCEDURE_TYPES = ("vasectomy", "tubal", "iud_insertion", "iud_removal", "implant_insertion",
                   "implant_removal", "abortion", "induced_labour", "reversal", "other")
PROCEDURE_CODE = {name: i + 1 for i, name in enumerate(PROCEDURE_TYPES)}
