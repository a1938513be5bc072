"""Streaming executors: each input kind read batch by batch into mergeable partial sums."""
