"""Survey writes: questionnaires, campaigns, tokens, answers, demonstration."""

from barometre.survey.services.answers import (
    ImportSummary,
    survey_answer_submit,
    survey_answers_import,
    survey_token_campaign,
    survey_token_find,
    survey_tokens_create,
    survey_tokens_write,
)
from barometre.survey.services.campaigns import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_for_coordinator,
    survey_campaign_get,
    survey_campaign_open,
)
from barometre.survey.services.questionnaires import (
    questionnaire_layout,
    questionnaire_load,
    questionnaire_spec,
)

__all__ = [
    "ImportSummary",
    "questionnaire_layout",
    "questionnaire_load",
    "questionnaire_spec",
    "survey_answer_submit",
    "survey_answers_import",
    "survey_campaign_close",
    "survey_campaign_create",
    "survey_campaign_for_coordinator",
    "survey_campaign_get",
    "survey_campaign_open",
    "survey_token_campaign",
    "survey_token_find",
    "survey_tokens_create",
    "survey_tokens_write",
]
