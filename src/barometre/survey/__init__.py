"""The internal maturity survey: questionnaire, campaigns, anonymous answers, scores."""
