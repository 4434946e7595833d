"""The thin web layer: parse, call the engine or a repository function, render."""
