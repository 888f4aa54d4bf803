#!/usr/bin/python3
"""Minimal WebKitGTK (WebKit2 4.1) browser for WebKitWebDriver, with a PERSISTENT profile.

WebKitWebDriver starts the `binary` of `webkitgtk:browserOptions` as
    <binary> <args...>
with WEBKIT_INSPECTOR_SERVER=127.0.0.1:<port> in the environment (that is how the
driver reaches the automation session). Unlike MiniBrowser --automation (which uses an
ephemeral data store, where Blobs cannot be stored in IndexedDB), this launcher keeps
website data in a real directory.

Arguments (all optional; unknown ones are ignored):
  --automation          accepted for MiniBrowser compatibility (automation is always on)
  --profile=DIR         profile directory (default: $WK_PROFILE_DIR, else a fresh temp dir)
  --ephemeral           use an ephemeral data store instead (to reproduce MiniBrowser)
  --console-stdout      also print page console messages to stdout (WebKit setting)
Environment:
  WK_PROFILE_DIR        profile directory, if --profile is not given
  WK_CONSOLE_STDOUT=1   same as --console-stdout
  WK_LAUNCHER_LOG=FILE  append a few diagnostic lines to FILE

A user script is injected at document start in every frame; it records uncaught
errors, unhandled rejections and console.error/console.warn calls in
window.__wkConsole (an array of {type, text, time}), to read back with Execute Script.

Must run with Debian's /usr/bin/python3 (python3-gi + gir1.2-webkit2-4.1), not a
pyenv/venv python without gi.
"""
import ctypes
import os
import signal
import sys
import tempfile
import time

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

if not Gtk.init_check(None)[0]:
    sys.stderr.write("webkit-launcher: cannot open display %r (run under xvfb-run or set DISPLAY)\n"
                     % os.environ.get("DISPLAY"))
    sys.exit(1)

# Started by WebKitWebDriver (it sets WEBKIT_INSPECTOR_SERVER): die with the driver.
# If the driver is killed (or exits without killing us), the kernel sends SIGTERM,
# which quits the GTK main loop below.
if os.environ.get("WEBKIT_INSPECTOR_SERVER"):
    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass
    if os.getppid() == 1:  # driver already gone before prctl took effect
        sys.exit(0)

ARGS = sys.argv[1:]
LOG_FILE = os.environ.get("WK_LAUNCHER_LOG")


def log(msg):
    if LOG_FILE:
        with open(LOG_FILE, "a") as f:
            f.write("%.3f [launcher %d] %s\n" % (time.time(), os.getpid(), msg))


def arg_value(name):
    for a in ARGS:
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
    return None


EPHEMERAL = "--ephemeral" in ARGS
CONSOLE_STDOUT = "--console-stdout" in ARGS or os.environ.get("WK_CONSOLE_STDOUT") == "1"
PROFILE = arg_value("--profile") or os.environ.get("WK_PROFILE_DIR")
if not EPHEMERAL and not PROFILE:
    PROFILE = tempfile.mkdtemp(prefix="wk-profile-")

CONSOLE_HOOK = r"""
(() => {
  if (window.__wkConsole) return;
  const buf = (window.__wkConsole = []);
  const push = (type, parts) => {
    let text;
    try {
      text = parts.map((p) => p instanceof Error ? (p.name + ': ' + p.message)
        : (typeof p === 'object' ? JSON.stringify(p) : String(p))).join(' ');
    } catch (e) { text = String(parts); }
    buf.push({ type, text, time: Date.now() });
  };
  for (const level of ['error', 'warn']) {
    const orig = console[level].bind(console);
    console[level] = (...a) => { push('console.' + level, a); orig(...a); };
  }
  window.addEventListener('error', (e) =>
    push('error', [e.message + ' (' + e.filename + ':' + e.lineno + ')']));
  window.addEventListener('unhandledrejection', (e) =>
    push('unhandledrejection', [e.reason]));
})();
"""

log("argv=%r profile=%r ephemeral=%r inspector=%r display=%r" % (
    sys.argv, PROFILE, EPHEMERAL, os.environ.get("WEBKIT_INSPECTOR_SERVER"),
    os.environ.get("DISPLAY")))

if EPHEMERAL:
    data_manager = WebKit2.WebsiteDataManager.new_ephemeral()
else:
    os.makedirs(PROFILE, exist_ok=True)
    data_manager = WebKit2.WebsiteDataManager(
        base_data_directory=os.path.join(PROFILE, "data"),
        base_cache_directory=os.path.join(PROFILE, "cache"),
    )

context = WebKit2.WebContext(website_data_manager=data_manager)
context.set_automation_allowed(True)
context.set_cache_model(WebKit2.CacheModel.DOCUMENT_VIEWER)

content_manager = WebKit2.UserContentManager()
content_manager.add_script(WebKit2.UserScript.new(
    CONSOLE_HOOK,
    WebKit2.UserContentInjectedFrames.ALL_FRAMES,
    WebKit2.UserScriptInjectionTime.START,
    None, None))
# The script every lane runs in its pages: a CSP violation becomes a console error, caught above.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e",
                       "report-policy-violations.js"), encoding="utf-8") as policy_script:
    content_manager.add_script(WebKit2.UserScript.new(
        policy_script.read(),
        WebKit2.UserContentInjectedFrames.ALL_FRAMES,
        WebKit2.UserScriptInjectionTime.START,
        None, None))

# The lane's network switch (WebDriver has none): a page of the lane posts "offline" or "online" to
# window.webkit.messageHandlers.lane. Offline, every request of the profile, its service workers'
# included, goes to a proxy that is not there (port 9, discard), and navigator.onLine says false, as
# in a phone's airplane mode; WebKitGTK itself would only follow the machine's own network.
OFFLINE_HOOK = r"""
Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false });
"""
ONLINE_HOOK = r"""
delete Navigator.prototype.onLine;
Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => true });
"""
offline_script = WebKit2.UserScript.new(
    OFFLINE_HOOK, WebKit2.UserContentInjectedFrames.ALL_FRAMES, WebKit2.UserScriptInjectionTime.START, None, None)


def set_offline(offline):
    log("network %s" % ("offline" if offline else "online"))
    if offline:
        data_manager.set_network_proxy_settings(
            WebKit2.NetworkProxyMode.CUSTOM, WebKit2.NetworkProxySettings.new("http://127.0.0.1:9", None))
        content_manager.add_script(offline_script)
    else:
        data_manager.set_network_proxy_settings(WebKit2.NetworkProxyMode.NO_PROXY, None)
        content_manager.remove_script(offline_script)
    event = "offline" if offline else "online"
    for win in windows:
        win.get_child().evaluate_javascript(
            (OFFLINE_HOOK if offline else ONLINE_HOOK) + "dispatchEvent(new Event('%s'));" % event,
            -1, None, None, None, None, None)


def on_lane_message(_manager, message):
    value = message.to_string() if hasattr(message, "to_string") else str(message.get_js_value().to_string())
    if value in ('"offline"', "offline"):
        set_offline(True)
    elif value in ('"online"', "online"):
        set_offline(False)


content_manager.connect("script-message-received::lane", on_lane_message)
content_manager.register_script_message_handler("lane")

settings = WebKit2.Settings()
settings.set_enable_developer_extras(True)
settings.set_javascript_can_open_windows_automatically(True)
settings.set_media_playback_requires_user_gesture(False)
settings.set_enable_write_console_messages_to_stdout(CONSOLE_STDOUT)
features = WebKit2.Settings.get_all_features()
for i in range(features.get_length()):
    feature = features.get(i)
    if feature.get_identifier() in ("StorageAPI", "StorageAPIEstimate"):
        settings.set_feature_enabled(feature, True)

# Default autoplay policy of WebKitGTK is ALLOW_WITHOUT_SOUND: audio.play() without a
# user gesture is rejected with NotAllowedError. Tests start playback from scripts.
policies = WebKit2.WebsitePolicies(autoplay=WebKit2.AutoplayPolicy.ALLOW)

windows = []


def on_close(view):
    win = view.get_toplevel()
    log("web view closed")
    if win in windows:
        windows.remove(win)
    win.destroy()
    if not windows:  # like MiniBrowser: quit when the last window is gone
        Gtk.main_quit()


def on_terminated(view, reason):
    message = "web process terminated: %s at %s" % (reason.value_nick, view.get_uri())
    log(message)
    sys.stderr.write("[webkit-launcher] %s\n" % message)
    sys.stderr.flush()


def on_create(view, navigation_action):
    # window.open() from a page: related view, shares the web process.
    return new_view(related=view, automation=view.is_controlled_by_automation())


def new_view(related=None, automation=True):
    kwargs = dict(is_controlled_by_automation=automation, settings=settings,
                  user_content_manager=content_manager)
    if related is not None:
        kwargs["related_view"] = related
    else:
        kwargs["web_context"] = context
        kwargs["website_policies"] = policies
    view = WebKit2.WebView(**kwargs)
    # A web process that dies (a crash, the memory limit) ends the WebDriver session with "page crash
    # or hang": say which, and where, on stderr (the driver's log) and in the log file.
    view.connect("web-process-terminated", lambda v, reason: on_terminated(v, reason))
    view.connect("close", on_close)
    view.connect("create", on_create)
    view.connect("ready-to-show", lambda v: v.get_toplevel().show_all())
    win = Gtk.Window()
    win.set_default_size(1280, 900)
    win.add(view)
    win.connect("delete-event", lambda w, e: (view.try_close(), True)[1])
    windows.append(win)
    if related is None:
        win.show_all()
    log("created web view")
    return view


def on_create_web_view(session):
    return new_view()


def on_automation_started(ctx, session):
    log("automation-started id=%s" % session.get_id())
    info = WebKit2.ApplicationInfo()
    info.set_name("wk-launcher")
    info.set_version(WebKit2.get_major_version(), WebKit2.get_minor_version(),
                     WebKit2.get_micro_version())
    session.set_application_info(info)
    session.connect("create-web-view", on_create_web_view)


context.connect("automation-started", on_automation_started)

# Without WEBKIT_INSPECTOR_SERVER (started by hand) open one window so that the
# launcher can be tried interactively; a URL may be given as a plain argument.
if not os.environ.get("WEBKIT_INSPECTOR_SERVER"):
    v = new_view(automation=False)
    urls = [a for a in ARGS if not a.startswith("-")]
    v.load_uri(urls[0] if urls else "about:blank")
    v.connect("close", lambda _v: Gtk.main_quit())

for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signum, lambda: (Gtk.main_quit(), False)[1])
Gtk.main()
log("exit")
