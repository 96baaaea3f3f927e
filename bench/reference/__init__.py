"""The reference skill, written as Amazon's Python samples write one (see lambda_function.py)."""
