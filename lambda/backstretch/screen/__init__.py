"""What a screen shows beside the speech (APL): its documents, its words, and their data."""
