"""Right and wrong answers for each chapter's exercises, one module per chapter (chNN.py)."""
