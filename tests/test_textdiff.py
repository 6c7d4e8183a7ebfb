from reading_room.documents.textdiff import carry_offsets, word_diff


def test_it_diffs_word_by_word():
    assert word_diff("Prie le Secrétaire", "Prie la Secrétaire") == [
        ("equal", "Prie "),
        ("delete", "le"),
        ("insert", "la"),
        ("equal", " Secrétaire"),
    ]


def test_it_carries_offsets_through_an_edit():
    old = "l’Organisation de Shanghai, et"
    new = "l’Organisation de coopération de Shanghai, et"
    assert carry_offsets(old, new, [len("l’Organisation de Shanghai")]) == [
        len("l’Organisation de coopération de Shanghai")
    ]
    assert carry_offsets("abc", "", [2]) == [0]
