"""Use cases shared by every front end: start, answer, exchange, status, reports."""
