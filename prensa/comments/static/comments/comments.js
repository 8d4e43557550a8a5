/*
 * Prensa reader comments, as an enhancement.
 *
 * Without this file the article's "Show comments" link leads to the comments
 * page, where reading, posting, replying and reporting all work. With it:
 * the link becomes a button that shows the published count, the thread loads
 * in place, and the forms post without leaving the article.
 *
 * Everything inserted comes from Prensa's own server, already escaped; it is
 * parsed through an inert <template>, so nothing in it runs.
 */
(function () {
  "use strict";

  var FRAGMENT = { "X-Requested-With": "XMLHttpRequest" };

  function parse(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  function replyingText(form, name) {
    var note = form.querySelector("[data-replying]");
    var template = note ? note.getAttribute("data-replying-template") || "%(name)s" : "%(name)s";
    return template.replace("%(name)s", name);
  }

  function Thread(slot, onChange) {
    this.slot = slot;
    this.onChange = onChange || function () {};
    var labelled = slot.closest("[data-error-message]");
    this.errorMessage = labelled ? labelled.getAttribute("data-error-message") : "";
    slot.addEventListener("submit", this.submitted.bind(this));
    slot.addEventListener("click", this.clicked.bind(this));
  }

  Thread.prototype.root = function () {
    return this.slot.querySelector("[data-comments-root]");
  };

  Thread.prototype.fragmentUrl = function () {
    var root = this.root();
    return root ? root.getAttribute("data-fragment-url") : this.slot.getAttribute("data-fragment-url");
  };

  Thread.prototype.load = function (url) {
    var self = this;
    return fetch(url, { headers: FRAGMENT, credentials: "same-origin" }).then(function (response) {
      return response.text().then(function (html) {
        if (response.headers.get("X-Prensa-Comments") !== "thread") {
          throw new Error("not a thread");
        }
        self.replace(html);
      });
    });
  };

  Thread.prototype.replace = function (html) {
    this.slot.replaceChildren(parse(html));
    var root = this.root();
    if (root) this.onChange(root.getAttribute("data-show-label"));
  };

  Thread.prototype.sayError = function (where) {
    var p = document.createElement("p");
    p.className = "comments__message comments__message--error";
    p.setAttribute("role", "alert");
    p.textContent = this.errorMessage;
    (where || this.slot.querySelector("[data-comments-status]") || this.slot).replaceChildren(p);
  };

  Thread.prototype.focusMessage = function () {
    var target =
      this.slot.querySelector("[data-comments-form-area] [role=alert], .comment-form__error") ||
      this.slot.querySelector("[data-comments-status] .comments__message");
    if (!target) return;
    var field = target.closest(".comment-form__field");
    var input = field && field.querySelector("input, textarea");
    if (input) {
      input.focus();
    } else {
      target.setAttribute("tabindex", "-1");
      target.focus();
    }
  };

  Thread.prototype.submitted = function (event) {
    var form = event.target;
    if (form.matches("[data-comments-form]")) {
      event.preventDefault();
      this.post(form);
    } else if (form.matches("[data-comments-report]")) {
      event.preventDefault();
      this.report(form);
    }
  };

  Thread.prototype.post = function (form) {
    var self = this;
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    fetch(form.action, { method: "POST", body: new FormData(form), headers: FRAGMENT, credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (html) {
          var kind = response.headers.get("X-Prensa-Comments");
          if (kind === "thread") {
            self.replace(html);
          } else if (kind !== "notice") {
            throw new Error("not an answer from the comments app");
          } else {
            form.querySelectorAll(".comments__message").forEach(function (old) {
              old.remove();
            });
            form.prepend(parse(html));
          }
          self.focusMessage();
        });
      })
      .catch(function () {
        self.sayError();
      })
      .finally(function () {
        if (button && button.isConnected) button.disabled = false;
      });
  };

  Thread.prototype.report = function (form) {
    var self = this;
    fetch(form.action, { method: "POST", body: new FormData(form), headers: FRAGMENT, credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (html) {
          if (response.headers.get("X-Prensa-Comments") !== "notice") {
            throw new Error("not an answer from the comments app");
          }
          var notice = parse(html);
          var message = notice.firstElementChild;
          form.replaceWith(notice);
          if (message) {
            message.setAttribute("tabindex", "-1");
            message.focus();
          }
        });
      })
      .catch(function () {
        self.sayError();
      });
  };

  Thread.prototype.clicked = function (event) {
    var link = event.target.closest("a");
    if (!link || !this.slot.contains(link)) return;
    if (link.hasAttribute("data-reply-to")) {
      event.preventDefault();
      this.startReply(link);
    } else if (link.hasAttribute("data-reply-cancel")) {
      event.preventDefault();
      this.cancelReply();
    } else if (link.hasAttribute("data-comments-page")) {
      event.preventDefault();
      var self = this;
      var url = this.fragmentUrl() + "?page=" + encodeURIComponent(link.getAttribute("data-comments-page"));
      this.load(url)
        .then(function () {
          var heading = self.slot.querySelector(".comments__count");
          if (heading) heading.focus();
        })
        .catch(function () {
          self.sayError();
        });
    }
  };

  Thread.prototype.startReply = function (link) {
    var area = this.slot.querySelector("[data-comments-form-area]");
    var form = area && area.querySelector("[data-comments-form]");
    var comment = link.closest("[data-comment]");
    if (!form || !comment) return;
    form.elements.parent.value = link.getAttribute("data-reply-to");
    var note = form.querySelector("[data-replying]");
    note.querySelector("[data-replying-text]").textContent = replyingText(form, link.getAttribute("data-reply-name"));
    note.hidden = false;
    comment.querySelector(".comment__box").after(area);
    form.elements.body.focus();
  };

  Thread.prototype.cancelReply = function () {
    var area = this.slot.querySelector("[data-comments-form-area]");
    var root = this.root();
    if (!area || !root) return;
    var form = area.querySelector("[data-comments-form]");
    form.elements.parent.value = "";
    form.querySelector("[data-replying]").hidden = true;
    root.append(area);
    form.elements.body.focus();
  };

  function enhanceArticle(block) {
    var link = block.querySelector("[data-comments-show]");
    var slot = block.querySelector("[data-comments-thread]");
    if (!link || !slot || !window.fetch) return;

    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.setAttribute("data-comments-show", "");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", slot.id);
    link.replaceWith(button);

    var showLabel = button.textContent;
    var hideLabel = block.getAttribute("data-hide-label") || showLabel;
    function setLabel(label) {
      if (label) showLabel = label;
      button.textContent = button.getAttribute("aria-expanded") === "true" ? hideLabel : showLabel;
    }

    var thread = new Thread(slot, setLabel);
    var loaded = false;

    fetch(block.getAttribute("data-count-url"), { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && typeof data.label === "string") setLabel(data.label);
      })
      .catch(function () {});

    function open() {
      slot.hidden = false;
      button.setAttribute("aria-expanded", "true");
      setLabel();
      var heading = slot.querySelector(".comments__count");
      if (heading) heading.focus();
    }

    button.addEventListener("click", function () {
      if (button.getAttribute("aria-expanded") === "true") {
        slot.hidden = true;
        button.setAttribute("aria-expanded", "false");
        setLabel();
        return;
      }
      if (loaded) {
        open();
        return;
      }
      button.disabled = true;
      thread
        .load(block.getAttribute("data-fragment-url"))
        .then(function () {
          loaded = true;
          open();
        })
        .catch(function () {
          slot.hidden = false;
          thread.sayError(slot);
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  }

  function start() {
    document.querySelectorAll("[data-comments]").forEach(enhanceArticle);
    // The comments page: the thread is already there; enhance its forms and links.
    document.querySelectorAll("[data-comments-thread]").forEach(function (slot) {
      if (!slot.closest("[data-comments]") && window.fetch) new Thread(slot);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
