// What the console calls things, in Italian: the staff's language.

export const STATUS = {
  draft: 'bozza', in_translation: 'in traduzione', approved: 'approvato', scheduled: 'programmato', sending: 'in invio',
  sent: 'inviato', cancelled: 'annullato', expired: 'scaduto',
};
export const TRANSLATION_STATUS = { missing: 'da tradurre', draft: 'bozza', needs_review: 'da rivedere', approved: 'approvata' };
export const DELIVERY_STATES = ['waiting_translation', 'planned', 'queued', 'sending', 'sent', 'failed', 'cancelled', 'expired'];
export const DELIVERY_STATE = {
  waiting_translation: 'attende la traduzione', planned: 'pianificata', queued: 'in coda', sending: 'in invio', sent: 'inviata',
  failed: 'non riuscita', cancelled: 'annullata', expired: 'scaduta',
};
export const TOPICS = ['permits', 'appointments', 'school', 'health', 'family', 'work', 'housing', 'desk', 'emergency', 'events'];
export const TOPIC_NAMES = {
  permits: 'permessi di soggiorno', appointments: 'appuntamenti', school: 'scuola', health: 'salute', family: 'famiglia',
  work: 'lavoro', housing: 'casa', desk: 'sportello', emergency: 'emergenze', events: 'eventi',
};
export const ROLE_NAMES = { admin: 'amministrazione', editor: 'redazione', mediator: 'mediazione', viewer: 'consultazione' };
export const PUBLISHED = new Set(['scheduled', 'sending', 'sent', 'cancelled', 'expired']);
export const CONVERSATION_STATE = { open: 'da prendere', assigned: 'in carico', answered: 'risposto', closed: 'chiuso' };
export const OUTBOUND_KIND = { ack: 'conferma automatica', keyword: 'risposta automatica', reply: 'risposta' };
export const OUTBOUND_STATE = { queued: 'in coda', sending: 'in invio', sent: 'inviata', failed: 'non inviata' };
export const CONNECTOR_STATE = { starting: 'in avvio', login_required: 'da collegare', ready: 'attivo', reconnecting: 'in riconnessione', failed: 'non raggiungibile', stopped: 'fermo' };
