"""Deep Cuts: a knowledge base and publishing system for music videos."""
