"""Worksheets in Word: a partner without the program fills in answer fields, and they come back in.

A worksheet is another kind of exchange file. ``spredning arbejdsark`` writes the guide's questions
for one dialogue as a .docx whose answers stand in real Word content controls; the partner fills it
in with Word or LibreOffice and sends it back; ``spredning importer`` reads it into the same
``Incoming`` an exchange file gives, so the history rules decide what is new, unchanged or a conflict.

- record.py: what the document carries besides the page — the project's identity, who made the
  worksheet and for whom, and each field's question and the version of the answer it was made from.
- writer.py: the .docx itself (python-docx), styled like the reports.
- package.py: opening a returned .docx with limits (a zip of XML parts a stranger may have made).
- reader.py: its body: the fields' lines, and the text around them.
- returned.py: the fields as answer versions, and notes on what is not an answer.
- compose.py: the worksheet's words (from the catalogue).
- followup.py: readiness after each tool, a phase's approvals and its actions, as fields and words.
- answers.py: an answer as field text and back ("Ikke relevant: begrundelse").

How versions and identity travel in the document is described in record.py; the rules that turn a
field into an answer version are in spredning/app/worksheets.py, and which readiness marks and
actions a worksheet shows, and how their values are read, in spredning/app/worksheet_followup.py.
"""
