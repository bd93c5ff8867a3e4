"""Bead-score weights learned on MAC-Dev by scripts/train_align.py (generated; do not edit)."""

DEFAULT_WEIGHTS = {
    "feature": {
        "anchor": 48.79747,
        "anchor_miss": -2.80169,
        "col_gap": 664.36494,
        "cos": 8.92871,
        "idf_src": 37.11184,
        "idf_tgt": 11.27575,
        "length": -8.24907,
        "lex_src": 27.46967,
        "lex_tgt": 17.91489,
        "margin": 356.79084,
        "quote": 2.78576,
        "row_gap": 424.43716
    },
    "null": {
        "bias": -4.49463,
        "peak": 88.76574,
        "top1": -3006.5762
    },
    "shape": {
        "1-1": 6.0807,
        "1-2": 1.80089,
        "1-3": -1.07116,
        "1-4": 0.03122,
        "2-1": 2.75245,
        "2-2": -3.5002,
        "2-3": -3.86615,
        "3-1": -0.21578,
        "3-2": -1.66991,
        "4-1": -0.17861
    },
    "sized": {
        "anchor": 5.63605,
        "anchor_miss": -4.02792,
        "col_gap": 220.05339,
        "cos": -52.36825,
        "idf_src": -14.52535,
        "idf_tgt": -8.28982,
        "length": -1.80779,
        "lex_src": -17.86391,
        "lex_tgt": -11.31615,
        "margin": -366.25082,
        "quote": 0.63265,
        "row_gap": 208.11081
    }
}
