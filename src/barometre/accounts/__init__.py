"""Auditors' accounts: the roles as Django groups and the services that create and change
accounts. The workspace (barometre.web), the `users` command and the other commands that name
an account (`assessments reassign`, the demonstration's auditor) all go through them."""
