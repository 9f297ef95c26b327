"""Inputs other than published plain text (Akoma Ntoso XML written by regtext)."""
