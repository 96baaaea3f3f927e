"""How each language counts, lists and tells the time: the rules, never the words."""
