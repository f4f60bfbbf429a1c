"""What a language code is, which languages are written right to left, and where English is
written the US way: known before any wording is read (the models check a program's codes;
the wording may say otherwise about direction, see text.writes_right_to_left)."""

# A language is its ISO 639 code: two letters where the language has them (es), three where
# it has only those (hmn Hmong, prs Dari, yue Cantonese, kar Karen).
CODE = r"^[a-z]{2,3}$"

# written right to left, unless a clinic's wording says otherwise (``direction:``); a locale's
# region does not change it
RIGHT_TO_LEFT = frozenset({"ar", "arc", "azb", "bal", "bqi", "ckb", "dv", "fa", "glk", "he",
                           "ks", "lrc", "mzn", "nqo", "pnb", "prs", "ps", "sd", "sdh", "skr",
                           "syr", "ug", "ur", "yi"})

# where English is written the US way (program, December 3, 2026); in every other country
# it is written the British way (programme, 3 December 2026): see text.layers
US_WAY = frozenset({"US", "CA", "PH", "PR", "GU", "VI", "AS", "MP", "UM"})


def is_code(name: str) -> bool:
    return 2 <= len(name) <= 3 and name.isascii() and name.isalpha() and name.islower()
