import pytest

from app.domain.clock import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
