"""Pairing paragraphs by content (reading_room/compare/matching.py) and the word diffs (diffs.py)."""

from reading_room.compare.diffs import pieces, tracked
from reading_room.compare.matching import Block, Link, match

TEXTS = [
    "Recalling that one of the objectives of the United Nations is to achieve cooperation in maintaining peace,",
    "Recalling also the Articles of the Charter that encourage activities on the basis of regional cooperation,",
    "Noting that the Organization is committed to act consistently with the purposes and principles of the Charter,",
    "Acknowledges the constructive role of the Organization in securing peace, and notes its activities aimed at "
    "strengthening security and stability in the region and countering terrorism and drug trafficking;",
    "Emphasizes the importance of strengthening dialogue, cooperation and coordination between the two;",
    "Proposes that the specialized agencies cooperate with the Organization with a view to joint programmes;",
    "Requests the Secretary-General to submit to the General Assembly at its eighty-first session a report;",
    "Decides to include in the provisional agenda of its eighty-first session the sub-item entitled Cooperation.",
]


def links(old, new, **kwargs):
    return [
        (link.old, link.new, link.moved, link.split, link.merged)
        for link in match([Block((t,)) for t in old], [Block((t,)) for t in new], **kwargs)
    ]


def test_the_same_text_is_all_pairs_in_order():
    assert links(TEXTS, TEXTS) == [(i, i, False, False, False) for i in range(8)]


def test_an_insertion_does_not_disturb_what_follows():
    new = [*TEXTS[:1], "Bearing in mind something wholly new about the question of tea and biscuits,", *TEXTS[1:]]
    assert links(TEXTS, new) == [(0, 0, False, False, False), (None, 1, False, False, False)] + [
        (i, i + 1, False, False, False) for i in range(1, 8)
    ]


def test_a_removed_paragraph_stays_at_its_old_place():
    assert links(TEXTS, TEXTS[:2] + TEXTS[3:])[2] == (2, None, False, False, False)


def test_an_edited_paragraph_is_paired_with_its_old_self():
    new = [*TEXTS]
    new[1] = new[1].replace("Articles", "provisions")
    assert links(TEXTS, new)[1] == (1, 1, False, False, False)


def test_both_paragraphs_of_a_swap_moved():
    new = [*TEXTS[:4], TEXTS[5], TEXTS[4], *TEXTS[6:]]
    assert links(TEXTS, new)[4:6] == [(5, 4, True, False, False), (4, 5, True, False, False)]


def test_a_paragraph_between_two_that_swap_keeps_its_place():
    new = [*TEXTS[:4], TEXTS[6], TEXTS[5], TEXTS[4], TEXTS[7]]
    assert [link[:3] for link in links(TEXTS, new)][4:7] == [(6, 4, True), (5, 5, False), (4, 6, True)]


def test_a_block_moved_past_another_is_moot_so_both_are_moved():
    new = [*TEXTS[:2], TEXTS[4], TEXTS[5], TEXTS[2], TEXTS[3], *TEXTS[6:]]
    assert [link[2] for link in links(TEXTS, new)] == [False, False, True, True, True, True, False, False]


def test_one_paragraph_taken_far_away_is_the_only_one_moved():
    new = TEXTS[1:] + TEXTS[:1]
    assert [link for link in links(TEXTS, new) if link[2]] == [(0, 7, True, False, False)]


def test_a_split_links_the_old_paragraph_to_both_pieces():
    first, second = TEXTS[3].split(", and notes")
    new = [*TEXTS[:3], first + ";", "Notes" + second, *TEXTS[4:]]
    assert links(TEXTS, new)[3:5] == [(3, 3, False, True, False), (3, 4, False, True, False)]


def test_a_merge_links_both_old_paragraphs_to_the_new_one():
    new = [*TEXTS[:4], TEXTS[4][:-1] + ", and " + TEXTS[5][0].lower() + TEXTS[5][1:], *TEXTS[6:]]
    assert links(TEXTS, new)[4:6] == [(4, 4, False, False, True), (5, 4, False, False, True)]


def test_an_unrelated_neighbour_is_not_taken_for_a_piece():
    new = [*TEXTS[:4], "Invites Member States to consider planting trees in every capital city;", *TEXTS[4:]]
    assert links(TEXTS, new)[4] == (None, 4, False, False, False)


def test_headings_pair_only_with_headings():
    old = [Block(("Annex",), "heading"), Block(("Annex to the resolution, its text",))]
    new = [Block(("Annex to the resolution",)), Block(("Annex",), "heading")]
    kinds = {(link.old, link.new) for link in match(old, new)}
    assert (0, 1) in kinds and (0, 0) not in kinds


def test_languages_are_paired_together():
    old = [Block(("Recalling its resolution 59/48,", "Rappelant sa résolution 59/48,"))]
    new = [Block(("Recalling its resolution 59/48,", "Rappelant sa résolution 59/49,"))]
    assert match(old, new) == [Link(0, 0)]


def test_footnotes_can_be_matched_without_pieces():
    old, new = ["Resolution 70/1.", "Resolution 60/288."], ["Resolution 70/1.", "Resolution 60/288, annex."]
    assert links(old, new, pieces=False) == [(0, 0, False, False, False), (1, 1, False, False, False)]


def test_the_word_diff_reads_like_tracked_changes():
    assert tracked("Recalling also the Articles of the Charter", "Recalling also the provisions of the Charter") == [
        ("equal", "Recalling also the "),
        ("delete", "Articles"),
        ("insert", "provisions"),
        ("equal", " of the Charter"),
    ]
    # a lone space between two changes goes with them
    assert tracked("the Articles of Charter", "the provisions in Charter") == [
        ("equal", "the "),
        ("delete", "Articles of"),
        ("insert", "provisions in"),
        ("equal", " Charter"),
    ]


def test_the_diff_of_a_split_is_cut_into_its_pieces():
    old = "Acknowledges the role of the Organization, and notes its activities in the region;"
    new = ["Acknowledges the role of the Organization;", "Notes its activities in the region;"]
    first, second = pieces([old], new)
    assert "".join(t for op, t in first if op != "delete") == new[0]
    assert "".join(t for op, t in second if op != "delete") == new[1]
    assert "".join(t for op, t in first + second if op != "insert").replace("  ", " ") == old
    assert ("equal", " its activities in the region;") in second


def test_the_diff_of_a_merge_is_cut_into_the_old_pieces():
    old = ["Emphasizes dialogue;", "Proposes programmes;"]
    first, second = pieces(old, ["Emphasizes dialogue, and proposes programmes;"])
    assert "".join(t for op, t in first if op != "insert") == old[0]
    assert "".join(t for op, t in second if op != "insert") == old[1]
