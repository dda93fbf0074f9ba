// Catalog import progress (/admin/catalog/import/{id}): polls the page's small JSON status every second and updates the
// progress bar and text in place; reloads once when the import has finished, so the report (row errors) is shown.
// Without JavaScript the page refreshes itself (a <noscript> meta refresh). No inline script: CSP holds.
(() => {
    const section = document.querySelector("[data-import-status]");
    if (!section) {
        return;
    }

    const url = section.getAttribute("data-import-status");
    const bar = section.querySelector("[data-import-percent]");
    const percentText = section.querySelector("[data-import-percent-text]");
    const state = section.querySelector("[data-import-state]");
    if (section.getAttribute("data-import-finished") === "true") {
        return; // finished when the page was rendered: the report is already on it
    }

    const poll = async () => {
        try {
            const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" });
            if (response.ok) {
                const status = await response.json();
                bar.value = status.percent;
                bar.textContent = `${status.percent} %`;
                percentText.textContent = `${status.percent} %`;
                state.textContent = status.description;
                if (status.finished) {
                    window.location.reload();
                    return;
                }
            }
        } catch {
            // A failed poll (server restarting) is tried again at the next tick.
        }

        window.setTimeout(poll, 1000);
    };
    window.setTimeout(poll, 1000);
})();
