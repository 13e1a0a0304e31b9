"""Reporting: matplotlib figures in the board style, and PDF/Word/Excel exports."""
