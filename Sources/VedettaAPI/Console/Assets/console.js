// Vedetta console: dates in the reader's time zone, sign-in and sign-out, the live wallboard, and the incident
// actions. Every change goes through the API with the session's CSRF token. No framework, no build step.
"use strict";

const lang = document.documentElement.lang || "en";
const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

function formatTimes(root) {
  const long = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
  const short = new Intl.DateTimeFormat(lang, { timeStyle: "short" });
  for (const element of root.querySelectorAll("time[datetime]")) {
    const date = new Date(element.getAttribute("datetime"));
    if (isNaN(date)) continue;
    element.textContent = (element.dataset.style === "time" ? short : long).format(date);
    element.title = date.toISOString();
  }
}

async function api(method, path, body) {
  const headers = { "X-CSRF-Token": csrf };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let answer = null;
  try { answer = await response.json(); } catch (_) { /* 204 and others without a body */ }
  return { status: response.status, answer };
}

function showError(element, text) {
  if (!element) return;
  element.textContent = text;
  element.hidden = false;
}

function setUpSignIn() {
  const form = document.getElementById("sign-in");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const { status, answer } = await api("POST", "/api/v1/session", {
      name: data.get("name"), password: data.get("password"),
    });
    if (status === 201) {
      window.location.assign(form.dataset.next || "/console/wallboard");
    } else {
      showError(form.querySelector(".error"), status === 401 ? form.dataset.wrong : (answer?.error || String(status)));
    }
  });
}

function setUpSignOut() {
  const button = document.getElementById("sign-out");
  if (!button) return;
  button.addEventListener("click", async () => {
    await api("DELETE", "/api/v1/session");
    window.location.assign("/console/login");
  });
}

function setUpWallboard() {
  const board = document.getElementById("wallboard");
  if (!board) return;
  const live = document.getElementById("live");
  const updated = document.getElementById("updated");
  const stamp = () => {
    if (updated) updated.textContent = new Intl.DateTimeFormat(lang, { timeStyle: "medium" }).format(new Date());
  };
  stamp();
  const events = new EventSource(board.dataset.events + "?lang=" + encodeURIComponent(lang));
  events.addEventListener("board", (event) => {
    board.innerHTML = event.data;
    formatTimes(board);
    stamp();
  });
  events.addEventListener("open", () => {
    if (live) { live.textContent = live.dataset.live; live.className = ""; }
  });
  events.addEventListener("error", async () => {
    if (live) { live.textContent = live.dataset.reconnecting; live.className = "reconnecting"; }
    if (events.readyState !== EventSource.CLOSED) return;   // the browser retries by itself
    // Closed for good: the session ended (the stream was sent to the sign-in page) or the agent is away.
    let status = 0;
    try { ({ status } = await api("GET", "/api/v1/session")); } catch (_) { /* the agent is away */ }
    if (status === 401) {
      window.location.assign("/console/login?next=" + encodeURIComponent("/console/wallboard"));
    } else {
      setTimeout(() => window.location.reload(), 5000);
    }
  });
}

function setUpIncidentActions() {
  const error = document.getElementById("action-error");
  for (const button of document.querySelectorAll('button[data-action="acknowledge"]')) {
    button.addEventListener("click", async () => {
      button.disabled = true;
      const { status, answer } = await api("POST", `/api/v1/incidents/${button.dataset.incident}/ack`, {});
      if (status === 200) {
        window.location.reload();
      } else {
        button.disabled = false;
        showError(error, answer?.error || String(status));
      }
    });
  }
  for (const button of document.querySelectorAll('button[data-action="restore"]')) {
    button.addEventListener("click", async () => {
      const { status, answer } = await api("POST", `/api/v1/incidents/${button.dataset.incident}/restore`, {});
      if (status === 200) window.location.reload(); else showError(error, answer?.error || String(status));
    });
  }
  for (const form of document.querySelectorAll('form[data-action="categorize"]')) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const category = new FormData(form).get("category");
      const { status, answer } = await api("PATCH", `/api/v1/incidents/${form.dataset.incident}`, { category });
      if (status === 200) window.location.reload(); else showError(error, answer?.error || String(status));
    });
  }
  for (const form of document.querySelectorAll('form[data-action="open-incident"]')) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const { status, answer } = await api("POST", "/api/v1/incidents", {
        summary: data.get("summary"), device: data.get("device"), severity: data.get("severity"),
      });
      if (status === 201) window.location.assign(`/console/incidents/${answer.id}`);
      else showError(error, answer?.error || String(status));
    });
  }
  for (const form of document.querySelectorAll('form[data-action="note"]')) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = new FormData(form).get("text");
      const { status, answer } = await api("POST", `/api/v1/incidents/${form.dataset.incident}/notes`, { text });
      if (status === 201) {
        window.location.reload();
      } else {
        showError(error, answer?.error || String(status));
      }
    });
  }
}

function setUpOnCall() {
  const error = document.getElementById("action-error");
  const form = document.querySelector('form[data-action="add-substitution"]');
  if (form) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const body = {
        schedule: data.get("schedule"), substitute: data.get("substitute"),
        start: data.get("start"), end: data.get("end"), reason: data.get("reason"),
      };
      if (data.get("covers")) body.covers = data.get("covers");
      const { status, answer } = await api("POST", "/api/v1/oncall/substitutions", body);
      if (status === 201) {
        window.location.reload();
      } else {
        showError(error, answer?.error || String(status));
      }
    });
  }
  for (const button of document.querySelectorAll('button[data-action="remove-substitution"]')) {
    button.addEventListener("click", async () => {
      const { status, answer } = await api("DELETE", `/api/v1/oncall/substitutions/${button.dataset.substitution}`);
      if (status === 200) {
        window.location.reload();
      } else {
        showError(error, answer?.error || String(status));
      }
    });
  }
}

// A window's fields from its form; when changing a window, only the fields the user changed (a start typed to
// the minute must not cut the seconds of one that was not touched).
function windowFields(form, onlyChanged) {
  const body = {};
  for (const name of ["match", "start", "time_zone", "duration", "rrule", "reason"]) {
    const input = form.elements[name];
    if (!input || (onlyChanged && input.value === input.defaultValue)) continue;
    if (!onlyChanged && name === "rrule" && !input.value) continue;
    body[name] = input.value;
  }
  if (onlyChanged && body.rrule === "") body.exdates = [];   // a window that stops repeating skips nothing
  return body;
}

function setUpMaintenance() {
  const error = document.getElementById("action-error");
  const preview = document.getElementById("scope-preview");
  for (const form of document.querySelectorAll('form[data-action="add-window"], form[data-action="edit-window"]')) {
    let timer = null;
    const showPreview = async () => {
      const response = await fetch("/console/maintenance/preview?lang=" + encodeURIComponent(lang) +
        "&match=" + encodeURIComponent(form.match.value), { credentials: "same-origin" });
      const answer = await response.json();
      if (preview) preview.textContent = answer.error || answer.text || "";
    };
    form.match.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(showPreview, 300);
    });
    if (form.time_zone && !form.time_zone.defaultValue) form.time_zone.value = browserZone;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const editing = form.dataset.action === "edit-window";
      const { status, answer } = editing
        ? await api("PATCH", `/api/v1/maintenance/${form.dataset.window}`, windowFields(form, true))
        : await api("POST", "/api/v1/maintenance", windowFields(form, false));
      if (status === 200 || status === 201) {
        window.location.assign(`/console/maintenance/${answer.id}`);
      } else {
        showError(error, answer?.error || String(status));
      }
    });
  }
  const act = async (method, path, body) => {
    const { status, answer } = await api(method, path, body);
    if (status === 200) window.location.reload(); else showError(error, answer?.error || String(status));
  };
  for (const button of document.querySelectorAll('button[data-action="end-window"]')) {
    button.addEventListener("click", () => act("POST", `/api/v1/maintenance/${button.dataset.window}/end`, {}));
  }
  for (const form of document.querySelectorAll('form[data-action="extend-window"]')) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      act("POST", `/api/v1/maintenance/${form.dataset.window}/extend`, { duration: form.duration.value });
    });
  }
  for (const button of document.querySelectorAll('button[data-action="delete-window"]')) {
    button.addEventListener("click", () => {
      if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
      act("DELETE", `/api/v1/maintenance/${button.dataset.window}`);
    });
  }
}

// The reader's time zone, for the pages that cut days (the maintenance calendar): kept in a cookie; a calendar
// drawn in another zone is drawn again once.
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

function setUpTimeZone() {
  const kept = document.cookie.split("; ").find((pair) => pair.startsWith("vedetta_tz="))?.slice(11);
  if (kept === encodeURIComponent(browserZone)) return;
  document.cookie = `vedetta_tz=${encodeURIComponent(browserZone)}; Path=/; Max-Age=31536000; SameSite=Lax`;
  const calendar = document.querySelector(".calendar[data-zone]");
  const asked = new URLSearchParams(window.location.search).has("tz");
  if (calendar && calendar.dataset.zone !== browserZone && !asked) window.location.reload();
}

document.addEventListener("DOMContentLoaded", () => {
  formatTimes(document);
  setUpTimeZone();
  setUpSignIn();
  setUpSignOut();
  setUpWallboard();
  setUpIncidentActions();
  setUpOnCall();
  setUpMaintenance();
});
