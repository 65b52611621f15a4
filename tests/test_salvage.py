"""Reading what can be read of a damaged state file (core/salvage.py), part by part and line by line."""

from __future__ import annotations

from spredning.core.salvage import CUT, LINE_BY_LINE, TWICE, UNREADABLE_CHARS, Text, salvage

Q1 = "tjek.beskriv-innovationen.dele.formaal"
Q2 = "tjek.beskriv-innovationen.dele.loesningen"


def test_a_quoted_text_cut_before_its_closing_quote_comes_back_as_far_as_it_goes():
    data, found = salvage(
        f"kopi: abcdef12\nkladder:\n  {Q1}: 'Det er vores'' idé, som\n    fortsætter her".encode()
    )

    assert data["kladder"] == {Q1: "Det er vores' idé, som fortsætter her"}
    assert found.texts == (Text("kladder", Q1, (LINE_BY_LINE, CUT)),) and found.lost == ()


def test_a_line_of_garbage_after_a_one_line_draft_is_named_and_the_draft_is_whole():
    raw = f"kladder:\n  {Q1}: Første\n".encode() + b"\x00\xffgarbage\n" + f"  {Q2}: Anden\n".encode()

    data, found = salvage(raw)

    assert data["kladder"] == {Q1: "Første", Q2: "Anden"}
    assert found.lost == ((3, 3),)


def test_a_list_keeps_the_items_that_read():
    data, found = salvage(f"kladder:\n  {Q1}: x\nsamlede-kladder:\n- {Q1}\n- 'ikke slut\n- {Q2}\n".encode())

    assert data["samlede-kladder"] == [Q1, Q2]
    assert found.lost == () and found.forgotten == ((5, 5),) and found.consequences == ("marks",)


def test_a_garbage_line_in_a_nested_mapping_loses_no_entry_of_it():
    raw = b"kopi: abcdef12\nkendt:\n  dele:\n\xff\xfe: [oops\n    a.b: 1234abcd x:1\n"
    raw += b"    plan:ab12: 5678abcd x:1\n"  # a key with a colon in it

    data, found = salvage(raw)

    assert data["kendt"] == {"dele": {"a.b": "1234abcd x:1", "plan:ab12": "5678abcd x:1"}}
    assert found.lost == () and found.forgotten == ((4, 4),) and found.consequences == ("known",)


def test_a_line_under_a_one_line_key_may_be_text_of_a_damaged_section_key():
    raw = f"kopi: abcdef12\nkl\xe6dder:\n  {Q1}: Første\n".encode("latin-1")

    _, found = salvage(raw)

    assert found.lost == ((2, 3),) and found.forgotten == ()


def test_blanks_and_a_byte_order_mark_are_an_empty_file():
    assert salvage(b"\xef\xbb\xbf\n  \n") == ({}, salvage(b"")[1])
    assert salvage(b"")[1].empty


def test_a_draft_key_at_the_top_goes_back_into_the_section_it_follows():
    raw = f"kladder:\n  {Q1}: Svar\nbegrundelser:\n  {Q2}: Grund\n{Q1}: Også en grund\n".encode()

    data, found = salvage(raw)

    assert data["kladder"] == {Q1: "Svar"}
    assert data["begrundelser"] == {Q2: "Grund", Q1: "Også en grund"}
    assert Text("begrundelser", Q1, (LINE_BY_LINE,)) in found.texts


def test_a_key_twice_keeps_both_texts_and_marks_them_joined():
    raw = f"kladder:\n  {Q1}: Første\n  {Q1}: |-\n    Anden\n    linje\n".encode()

    data, found = salvage(raw)

    assert data["kladder"] == {Q1: "Første\n\nAnden\nlinje"}
    assert data["samlede-kladder"] == [Q1]
    assert found.texts == (Text("kladder", Q1, (TWICE,)),)


def test_control_characters_in_a_draft_are_shown_as_unreadable_not_passed_on():
    data, found = salvage(f"kladder:\n  {Q1}: |-\n    Før\x1b[2J efter\n".encode())

    assert data["kladder"] == {Q1: "Før\ufffd[2J efter"}
    assert found.texts == (Text("kladder", Q1, (UNREADABLE_CHARS,)),)


def test_a_garbage_line_between_items_of_a_list_loses_neither_item():
    raw = b"kopi: abcdef12\nnye:\n  dele:\n  - a.b.c\n\xfe[\n  - a.b.d\n"

    data, found = salvage(raw)

    assert data["nye"] == {"dele": ["a.b.c", "a.b.d"]}
    assert found.forgotten == ((5, 5),) and found.consequences == ("news",)


def test_a_garbage_key_first_in_a_mapping_does_not_set_where_its_keys_stand():
    raw = b"kopi: abcdef12\nskrevet-som:\n   \xff: x\n  dele:\n  - a.b.c\n"

    data, found = salvage(raw)

    assert data["skrevet-som"] == {"dele": ["a.b.c"]}
    assert found.forgotten == ((3, 3),) and found.consequences == ("wrote",)
