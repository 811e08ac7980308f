"""Learner screens: sign-in, library, course view and reader, exercises, dashboard, search."""
