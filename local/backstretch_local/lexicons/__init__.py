"""One module per language, each exporting ``LEXICON`` (`backstretch_local.lexicon.Lexicon`):
the words the local resolver needs to hear that language. `lexicon_for` finds them."""
