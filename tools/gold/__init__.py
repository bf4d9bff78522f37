"""Gold sets: export annotation batches, import annotations as standoff, measure agreement."""
