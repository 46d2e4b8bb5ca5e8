"""Publishing: sites and their targets (WordPress first), given a story and its fragment."""
