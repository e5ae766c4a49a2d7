"""python -m mocks.payment --port N"""

from mocks.common.serve import run
from mocks.payment.app import create_app

if __name__ == "__main__":
    run("payment", create_app, default_port=8102)
