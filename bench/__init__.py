"""Benchmarks: what a turn costs, measured side by side with a skill built Amazon's way."""
