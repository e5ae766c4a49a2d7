"""python -m mocks.national_portal --port N"""

from mocks.common.serve import run
from mocks.national_portal.app import create_app

if __name__ == "__main__":
    run("national_portal", create_app, default_port=8103)
