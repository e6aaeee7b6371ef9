"""Known people's names (the staff directory, administrators' additions) redacted in comments."""
