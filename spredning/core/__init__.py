"""The core: the guide and projects as data, files, history and the interview. No terminal, no prose."""
