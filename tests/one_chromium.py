"""One headless Chromium, and the Playwright driver that runs it, for the browser tests that
run one after another in a process (a run without workers, or one pytest-xdist worker), in
place of one for each test module: starting both took 1.5-2.5 s, in each of 20 modules.

Closed (by conftest's ``pytest_runtest_teardown``) as soon as the next test asks for no
Chromium: Playwright's sync API keeps its event loop marked as running on the main thread
between its calls, and ``asyncio.run`` in a test after it refused to start. Each test's page
is in a browser context of its own (``test_web_browser.browser_page``), so the tests share no
cookies, storage or cache."""

from __future__ import annotations

import contextlib

_open: dict = {}  # "playwright", "browser": while the tests that ask for Chromium run


def browser(path: str, args: list[str]):
    """The Chromium at ``path`` started with ``args``, started now unless it runs already
    (one that crashed or was closed is started again)."""
    running = _open.get("browser")
    if running is not None and running.is_connected():
        return running
    close()
    from playwright.sync_api import sync_playwright

    _open["playwright"] = sync_playwright().start()
    _open["browser"] = _open["playwright"].chromium.launch(executable_path=path, args=args,
                                                           headless=True)
    return _open["browser"]


def close() -> None:
    """Close the Chromium and stop its driver, if they run."""
    running, driver = _open.pop("browser", None), _open.pop("playwright", None)
    if running is not None:
        with contextlib.suppress(Exception):  # already gone with a crash: the driver says so
            running.close()
    if driver is not None:
        driver.stop()
