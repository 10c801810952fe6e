"""verbond: decide which networks to take part in, commit to the few that matter."""
