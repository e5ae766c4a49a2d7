"""Binds every feature file under features/ to the step plugins (see conftest.py)."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.e2e

scenarios(".")
