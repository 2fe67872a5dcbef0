/*
 * Loketwijzer chat widget. A municipality embeds it with one script tag:
 *
 *   <script src="https://loketwijzer.example/widget/loketwijzer.js" defer
 *           data-gemeente="Utrecht"                      (name or CBS code; optional)
 *           data-server="https://loketwijzer.example:5005"  (the Rasa server; default: same host, port 5005)
 *           data-exit-url="https://www.google.nl/"></script>  (where "Verlaat deze pagina" goes)
 *
 * It talks to the Rasa server over its socket.io channel (socket.io-client 4.8.1, vendored: protocol
 * 5, which python-socketio 5 in Rasa 3.6 speaks). Every asset comes from the server that serves this
 * file: no CDN. Messages are rendered as text, never as HTML; a link is made only to a website of
 * the routing table (config.json lists their hosts). The conversation id lives in sessionStorage,
 * so a reconnect or a reload keeps the conversation, and closing the tab forgets it.
 * Fixed texts are plain Dutch (B1); tests/test_plain_language.py reads the TEXT object below.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.Loketwijzer) { return; }
  var base = new URL(".", script.src).href;
  var data = script.dataset;
  var server = data.server || (location.protocol + "//" + location.hostname + ":5005");
  var exitUrl = data.exitUrl || "https://www.google.nl/";
  var STORE_KEY = "loketwijzer-gesprek";
  var ANSWER_TIMEOUT_MS = 20000;

  var TEXT = {
    launcher: "Stel uw vraag aan Loketwijzer",
    title: "Loketwijzer",
    intro: "Loketwijzer is een computerprogramma. U praat niet met een mens. Het zoekt met u het goede loket.",
    privacy: "Schrijf geen namen of nummers als dat niet nodig is.",
    logLabel: "Gesprek met Loketwijzer",
    inputLabel: "Uw vraag",
    send: "Verstuur",
    close: "Sluit de chat",
    exit: "Verlaat deze pagina",
    erase: "Wis dit gesprek",
    erased: "Het gesprek is gewist. U kunt opnieuw beginnen.",
    eraseFailed: "Wissen lukte nu niet. Probeer het zo nog een keer.",
    human: "Praat met een medewerker",
    humanSays: "Ik wil met een medewerker praten.",
    quickLabel: "Kies een antwoord",
    you: "U",
    bot: "Loketwijzer",
    notSent: "nog niet verstuurd",
    offline: "Er is nu geen verbinding. Uw bericht is niet weg. We sturen het als de verbinding terug is.",
    offlineHelp: "Hebt u nu hulp nodig? Bel uw gemeente.",
    offlineSite: "Het nummer staat op {site}.",
    danger: "Is er gevaar? Bel 112.",
    noAnswer: "Er komt nu geen antwoord. Probeer het later nog een keer.",
    back: "De verbinding is terug. U kunt verder."
  };

  var state = {
    socket: null, connected: false, confirmed: false, everConnected: false, wasOffline: false,
    queue: [], config: { gemeente: null, hosts: [] }, gemeente: data.gemeente || "", timer: null,
    sender: null
  };

  function senderId() {
    if (state.sender) { return state.sender; }
    try { state.sender = sessionStorage.getItem(STORE_KEY); } catch (e) { state.sender = null; }
    if (!state.sender) { newSender(); }
    return state.sender;
  }

  function newSender() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    state.sender = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    try { sessionStorage.setItem(STORE_KEY, state.sender); } catch (e) { /* private mode: the id lives in memory */ }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  // ---- the page elements -------------------------------------------------------------------
  var css = el("link", { rel: "stylesheet", href: base + "loketwijzer.css" });
  document.head.appendChild(css);
  var root = el("div", { "class": "lw-root", lang: "nl" });
  var launcher = el("button", { type: "button", "class": "lw-launcher", "aria-expanded": "false", "aria-controls": "lw-panel" }, TEXT.launcher);
  var panel = el("section", { id: "lw-panel", "class": "lw-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "lw-title" });
  panel.hidden = true;
  var header = el("div", { "class": "lw-header" });
  var title = el("h2", { id: "lw-title", "class": "lw-title" }, TEXT.title);
  var exitBtn = el("button", { type: "button", "class": "lw-exit" }, TEXT.exit);
  var closeBtn = el("button", { type: "button", "class": "lw-close", "aria-label": TEXT.close }, "\u00d7");
  header.append(title, exitBtn, closeBtn);
  var intro = el("p", { "class": "lw-intro" }, TEXT.intro + " " + TEXT.privacy);
  var log = el("div", { id: "lw-log", "class": "lw-log", role: "log", "aria-live": "polite", "aria-label": TEXT.logLabel, tabindex: "0" });
  var notice = el("div", { id: "lw-notice", "class": "lw-notice", role: "alert" });
  notice.hidden = true;
  var quick = el("div", { "class": "lw-quick", role: "group", "aria-label": TEXT.quickLabel });
  var form = el("form", { "class": "lw-form" });
  var label = el("label", { "for": "lw-input", "class": "lw-label" }, TEXT.inputLabel);
  var input = el("input", { id: "lw-input", type: "text", autocomplete: "off", maxlength: "1000" });
  var send = el("button", { type: "submit", "class": "lw-send" }, TEXT.send);
  form.append(label, input, send);
  var footer = el("div", { "class": "lw-footer" });
  var humanBtn = el("button", { type: "button", "class": "lw-human" }, TEXT.human);
  var eraseBtn = el("button", { type: "button", "class": "lw-erase" }, TEXT.erase);
  footer.append(humanBtn, eraseBtn);
  panel.append(header, intro, log, notice, quick, form, footer);
  root.append(launcher, panel);

  // ---- showing messages ------------------------------------------------------------------------
  var URL_RE = /\b((?:https?:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/[^\s]*)?)/gi;

  function allowedHost(candidate) {
    try {
      var u = new URL(/^https?:\/\//i.test(candidate) ? candidate : "https://" + candidate);
      var host = u.hostname.replace(/^www\./, "");
      return state.config.hosts.indexOf(host) >= 0 ? u.href : null;
    } catch (e) { return null; }
  }

  // Text nodes only; a link only for a host of the routing table (never HTML from a message).
  function appendText(node, text) {
    var last = 0;
    String(text).replace(URL_RE, function (match, _g, offset) {
      var clean = match.replace(/[.,;:!?)]+$/, "");
      var href = allowedHost(clean);
      if (!href) { return match; }
      node.appendChild(document.createTextNode(text.slice(last, offset)));
      var a = el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, clean);
      node.appendChild(a);
      last = offset + clean.length;
      return match;
    });
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  function addMessage(who, text, extraClass) {
    var item = el("div", { "class": "lw-msg lw-" + who + (extraClass ? " " + extraClass : "") });
    var name = el("span", { "class": "lw-who" }, (who === "user" ? TEXT.you : TEXT.bot) + ": ");
    var body = el("span", { "class": "lw-text" });
    appendText(body, text);
    item.append(name, body);
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function showQuickReplies(replies) {
    quick.textContent = "";
    (replies || []).forEach(function (r) {
      var b = el("button", { type: "button", "class": "lw-reply" }, r.title);
      b.addEventListener("click", function () {
        quick.textContent = "";
        sendMessage(r.payload, r.title);
        input.focus();
      });
      quick.appendChild(b);
    });
  }

  function showNotice(lines) {
    notice.textContent = "";
    lines.forEach(function (line) {
      var p = el("p");
      appendText(p, line);
      notice.appendChild(p);
    });
    notice.hidden = false;
  }

  function offlineNotice() {
    var g = state.config.gemeente;
    var help = TEXT.offlineHelp + (g && g.website ? " " + TEXT.offlineSite.replace("{site}", g.website) : "");
    showNotice([TEXT.offline, help, TEXT.danger]);
  }

  // ---- the socket.io conversation ------------------------------------------------------------------
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = el("script", { src: src });
      s.onload = resolve;
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function connect() {
    if (state.socket) { return; }
    var ready = window.io ? Promise.resolve() : loadScript(base + "vendor/socket.io.min.js");
    ready.then(function () {
      var socket = window.io(server, {
        path: "/socket.io", transports: ["websocket", "polling"],
        reconnection: true, reconnectionDelay: 1000, reconnectionDelayMax: 4000
      });
      state.socket = socket;
      socket.on("connect", function () {
        state.connected = true;
        socket.emit("session_request", { session_id: senderId() });
      });
      socket.on("session_confirm", function () {
        state.confirmed = true;
        if (state.wasOffline) {
          notice.hidden = true;
          addMessage("bot", TEXT.back, "lw-status");
          state.wasOffline = false;
        }
        state.everConnected = true;
        flush();
      });
      socket.on("bot_uttered", function (msg) {
        clearTimeout(state.timer);
        if (msg && msg.text) { addMessage("bot", msg.text); }
        showQuickReplies(msg && (msg.quick_replies || msg.buttons));
      });
      socket.on("disconnect", goneOffline);
      socket.on("connect_error", goneOffline);
    }).catch(goneOffline);
  }

  function goneOffline() {
    var already = state.wasOffline && !notice.hidden;
    state.connected = false;
    state.confirmed = false;
    state.wasOffline = true;
    clearTimeout(state.timer);
    if (!already) { offlineNotice(); }  // one alert, not one per reconnect attempt
  }

  function flush() {
    while (state.confirmed && state.queue.length) {
      var item = state.queue.shift();
      item.node.classList.remove("lw-pending");
      var mark = item.node.querySelector(".lw-mark");
      if (mark) { mark.remove(); }
      emit(item.payload);
    }
  }

  function emit(payload) {
    var custom = state.gemeente ? { gemeente: state.gemeente } : {};
    state.socket.emit("user_uttered", { message: payload, session_id: senderId(), metadata: custom });
    clearTimeout(state.timer);
    state.timer = setTimeout(function () { showNotice([TEXT.noAnswer, TEXT.danger]); }, ANSWER_TIMEOUT_MS);
  }

  function sendMessage(payload, shown) {
    var text = (payload || "").trim();
    if (!text) { return; }
    var node = addMessage("user", shown || text);
    if (state.confirmed) {
      emit(text);
    } else {
      node.classList.add("lw-pending");
      node.appendChild(el("span", { "class": "lw-mark" }, " (" + TEXT.notSent + ")"));
      state.queue.push({ payload: text, node: node });
      offlineNotice();
      connect();
    }
  }

  // ---- controls ------------------------------------------------------------------------------------
  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.hidden = true;
    connect();
    input.focus();
  }

  function close() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  function erase() {
    var body = new URLSearchParams({ sender: senderId() });
    fetch(base + "api/wis", { method: "POST", body: body }).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      log.textContent = "";
      quick.textContent = "";
      state.queue = [];
      notice.hidden = true;
      newSender();
      if (state.socket && state.confirmed) { state.socket.emit("session_request", { session_id: state.sender }); }
      addMessage("bot", TEXT.erased, "lw-status");
      input.focus();
    }).catch(function () { showNotice([TEXT.eraseFailed]); });
  }

  function quickExit() {
    try { sessionStorage.removeItem(STORE_KEY); } catch (e) { /* nothing stored */ }
    location.replace(exitUrl);
  }

  launcher.addEventListener("click", open);
  closeBtn.addEventListener("click", close);
  exitBtn.addEventListener("click", quickExit);
  eraseBtn.addEventListener("click", erase);
  humanBtn.addEventListener("click", function () { sendMessage("/ask_human", TEXT.humanSays); });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { close(); } });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value;
    input.value = "";
    sendMessage(text);
  });

  function loadConfig() {
    var url = base + "config.json" + (state.gemeente ? "?gemeente=" + encodeURIComponent(state.gemeente) : "");
    return fetch(url).then(function (r) { return r.json(); }).then(function (c) { state.config = c; })
      .catch(function () { /* no links and no website in the notice; the chat still works */ });
  }

  window.Loketwijzer = {
    open: open,
    close: close,
    /** The embedding page changes the municipality (the demo page's chooser does). */
    setGemeente: function (name) { state.gemeente = name || ""; return loadConfig(); },
    text: TEXT
  };

  function mount() { document.body.appendChild(root); loadConfig(); }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
})();
