"""Survey pages: the respondent form (token or shared link), campaign list and report."""
