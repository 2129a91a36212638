//! New alerts delivered to a webhook: each alert raised in the book, by any process, is sent as
//! JSON in the order raised, retried with growing pauses until the receiver takes it (answers
//! 2xx), so none is lost or skipped. The position reached is kept in the book, per address, so a
//! restart carries on where delivery stopped; a new address starts from the alerts raised after
//! it was first given. When several processes share a book (PostgreSQL), one of them at a time
//! delivers to an address; the others wait to take over.

use crate::alert::Alert;
use crate::place::BookPlace;
use crate::store::MonitorStore;
use crate::{Error, Result};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::Duration;

/// How deliveries are paced.
#[derive(Debug, Clone)]
pub struct WebhookOptions {
    /// How often the book is looked at for new alerts (besides when told).
    pub poll: Duration,
    /// The pause after the first failed attempt; it doubles after each failure.
    pub first_retry: Duration,
    /// The longest pause between attempts.
    pub max_retry: Duration,
    /// How long one attempt may take.
    pub timeout: Duration,
}

impl Default for WebhookOptions {
    fn default() -> Self {
        WebhookOptions {
            poll: Duration::from_secs(2),
            first_retry: Duration::from_secs(1),
            max_retry: Duration::from_secs(300),
            timeout: Duration::from_secs(10),
        }
    }
}

/// A running delivery: tell it when alerts may have been raised; it stops when dropped.
pub struct Webhook {
    wake: Sender<()>,
    stop: Arc<AtomicBool>,
}

impl Webhook {
    /// Asks for a look at the book now (after a change that may have raised alerts).
    pub fn wake(&self) {
        let _ = self.wake.send(());
    }
}

impl Drop for Webhook {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.wake.send(());
    }
}

/// Starts delivering the alerts of the book at `place` to `url`, on a thread of its own.
/// `log` is told of each delivery and each failed attempt.
pub fn start(
    place: &BookPlace,
    url: &str,
    options: WebhookOptions,
    log: impl Fn(&str) + Send + 'static,
) -> Result<Webhook> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(Error::Invalid(format!(
            "webhook {url}: expected an http:// or https:// address"
        )));
    }
    let mut store = place.open_store()?;
    let cursor = cursor_name(url);
    if store.cursor(&cursor)?.is_none() {
        let last = store.last_alert_id()?;
        store.set_cursor(&cursor, last)?;
    }
    let (wake, woken) = channel();
    let stop = Arc::new(AtomicBool::new(false));
    let delivery = Delivery {
        place: place.clone(),
        url: url.to_string(),
        cursor,
        stop: stop.clone(),
        woken,
        agent: ureq::Agent::config_builder()
            .timeout_global(Some(options.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("interdict/", env!("CARGO_PKG_VERSION")))
            .build()
            .into(),
        options,
    };
    std::thread::Builder::new()
        .name("webhook".into())
        .spawn(move || delivery.run(&log))
        .map_err(|e| Error::Store(format!("cannot start the webhook delivery: {e}")))?;
    Ok(Webhook { wake, stop })
}

/// The name under which the position of deliveries to `url` is kept.
fn cursor_name(url: &str) -> String {
    format!("webhook {url}")
}

/// The delivery loop's state.
struct Delivery {
    place: BookPlace,
    url: String,
    cursor: String,
    options: WebhookOptions,
    stop: Arc<AtomicBool>,
    woken: Receiver<()>,
    agent: ureq::Agent,
}

impl Delivery {
    fn run(self, log: &dyn Fn(&str)) {
        let mut store: Option<Box<dyn MonitorStore>> = None;
        let mut leading = false;
        while !self.stopped() {
            if store.is_none() {
                leading = false;
                match self.place.open_store() {
                    Ok(s) => store = Some(s),
                    Err(e) => log(&format!("webhook: cannot open the book: {e}")),
                }
            }
            let delivered = match store.as_mut() {
                Some(s) => self.lead_and_deliver(&mut **s, &mut leading, log),
                None => Ok(0),
            };
            if let Err(e) = delivered {
                log(&format!("webhook: {e}"));
                store = None;
            }
            match self.woken.recv_timeout(self.options.poll) {
                Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Delivers what is pending when this process leads deliveries to the address (taking the
    /// lead when it is free); when another process leads, nothing, until the next look.
    fn lead_and_deliver(
        &self,
        store: &mut dyn MonitorStore,
        leading: &mut bool,
        log: &dyn Fn(&str),
    ) -> Result<usize> {
        if !*leading {
            *leading = store.try_lead(&self.cursor)?;
        }
        match *leading {
            true => self.deliver_pending(store, log),
            false => Ok(0),
        }
    }

    /// Delivers every alert after the position, in order; how many.
    fn deliver_pending(&self, store: &mut dyn MonitorStore, log: &dyn Fn(&str)) -> Result<usize> {
        let mut n = 0;
        loop {
            let after = store.cursor(&self.cursor)?.unwrap_or(0);
            let batch = store.alerts_after(after, 100)?;
            if batch.is_empty() {
                return Ok(n);
            }
            for alert in batch {
                if !self.deliver(&alert, log) {
                    return Ok(n);
                }
                store.set_cursor(&self.cursor, alert.alert_id)?;
                n += 1;
            }
        }
    }

    /// Sends one alert until the receiver takes it; false if stopped first.
    fn deliver(&self, alert: &Alert, log: &dyn Fn(&str)) -> bool {
        let body = serde_json::to_string(alert).unwrap_or_default();
        let mut pause = self.options.first_retry;
        let mut attempt = 1;
        loop {
            if self.stopped() {
                return false;
            }
            let answer = self
                .agent
                .post(&self.url)
                .header("Content-Type", "application/json")
                .header("X-Interdict-Event", "alert-raised")
                .header("X-Interdict-Alert-Id", alert.alert_id.to_string())
                .send(body.as_bytes());
            let failure = match answer {
                Ok(r) if r.status().is_success() => {
                    log(&format!(
                        "webhook: alert {} delivered to {}",
                        alert.alert_id, self.url
                    ));
                    return true;
                }
                Ok(r) => format!("answered {}", r.status()),
                Err(e) => e.to_string(),
            };
            log(&format!(
                "webhook: alert {} not delivered to {} (attempt {attempt}: {failure}); trying again in {:?}",
                alert.alert_id, self.url, pause
            ));
            // Wait out the pause, unless stopped.
            let until = std::time::Instant::now() + pause;
            while std::time::Instant::now() < until {
                if self.stopped() {
                    return false;
                }
                let left = until.saturating_duration_since(std::time::Instant::now());
                let _ = self
                    .woken
                    .recv_timeout(left.min(Duration::from_millis(200)));
            }
            pause = (pause * 2).min(self.options.max_retry);
            attempt += 1;
        }
    }
}
