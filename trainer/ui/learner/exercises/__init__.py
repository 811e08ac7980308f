"""Exercise widgets, one per exercise type, reusable without saving anything.

An input widget only collects a response in the author's indices; ``ExerciseCard`` adds the
question, submit/retry and feedback; ``AttemptRecorder`` grades and saves. The trainer workspace
reuses the card without the recorder to let authors try an exercise as a learner.
"""

from trainer.ui.learner.exercises.base import ExerciseInput, create_input
from trainer.ui.learner.exercises.card import ExerciseCard, FeedbackMode

__all__ = ["ExerciseCard", "ExerciseInput", "FeedbackMode", "create_input"]
