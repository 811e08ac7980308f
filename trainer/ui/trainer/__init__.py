"""Trainer workspace: live preview of a pack folder, problems panel, build and share."""
