"""python -m mocks.sso --port N"""

from mocks.common.serve import run
from mocks.sso.app import create_app

if __name__ == "__main__":
    run("sso", create_app, default_port=8101)
