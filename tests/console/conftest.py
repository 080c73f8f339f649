"""Fixtures of the console tests; the helpers live in ``console_support`` so that test modules
import them by a name no other test folder's ``conftest`` shares."""

from console_support import config, helpdesk, rasa, store  # noqa: F401 (pytest fixtures)
