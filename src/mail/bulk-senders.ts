/**
 * Domains of bulk-mail services: they send for thousands of organisations, so a message whose
 * Return-Path, DKIM `d=` or List-Unsubscribe points at one says nothing about who sent it. The
 * classifier skips them and looks at the next clue. Each entry also covers its subdomains
 * (`bounces.sendgrid.net`, `mcsv.net`'s `mail123.suw13.mcsv.net`).
 */
export const BULK_MAIL_DOMAINS: ReadonlyMap<string, string> = new Map([
  // Twilio SendGrid
  ['sendgrid.net', 'SendGrid'],
  ['sendgrid.com', 'SendGrid'],
  // Mailchimp and Mandrill (Intuit)
  ['mcsv.net', 'Mailchimp'],
  ['mcdlv.net', 'Mailchimp'],
  ['rsgsv.net', 'Mailchimp'],
  ['list-manage.com', 'Mailchimp'],
  ['mailchimpapp.net', 'Mailchimp'],
  ['mailchimp.com', 'Mailchimp'],
  ['mandrillapp.com', 'Mandrill'],
  // Amazon Simple Email Service
  ['amazonses.com', 'Amazon SES'],
  // Mailgun, SparkPost, Postmark, Mailjet, Brevo (Sendinblue)
  ['mailgun.org', 'Mailgun'],
  ['mailgun.net', 'Mailgun'],
  ['sparkpostmail.com', 'SparkPost'],
  ['sparkpostmail1.com', 'SparkPost'],
  ['postmarkapp.com', 'Postmark'],
  ['pmbounces.com', 'Postmark'],
  ['mailjet.com', 'Mailjet'],
  ['mjt.lu', 'Mailjet'],
  ['sendinblue.com', 'Brevo'],
  ['brevo.com', 'Brevo'],
  ['sibmail.com', 'Brevo'],
  // Salesforce Marketing Cloud (ExactTarget), Adobe Campaign, Oracle Responsys, Braze
  ['exacttarget.com', 'Salesforce Marketing Cloud'],
  ['exct.net', 'Salesforce Marketing Cloud'],
  ['rsys2.com', 'Oracle Responsys'],
  ['rsys5.com', 'Oracle Responsys'],
  ['neolane.net', 'Adobe Campaign'],
  ['braze.com', 'Braze'],
  // Campaign Monitor, Constant Contact, HubSpot, Klaviyo, ActiveCampaign, MailerLite, Customer.io
  ['createsend.com', 'Campaign Monitor'],
  ['cmail19.com', 'Campaign Monitor'],
  ['cmail20.com', 'Campaign Monitor'],
  ['constantcontact.com', 'Constant Contact'],
  ['rs6.net', 'Constant Contact'],
  ['hubspotemail.net', 'HubSpot'],
  ['hs-analytics.net', 'HubSpot'],
  ['klaviyomail.com', 'Klaviyo'],
  ['klaviyo.com', 'Klaviyo'],
  ['acems1.com', 'ActiveCampaign'],
  ['emsend1.com', 'ActiveCampaign'],
  ['mlsend.com', 'MailerLite'],
  ['customeriomail.com', 'Customer.io'],
  // Zoho Campaigns, Sendy on SES, Microsoft Dynamics marketing, Google Groups bounces
  ['zcsend.net', 'Zoho Campaigns'],
  ['dynamics365marketing.com', 'Microsoft Dynamics 365 Marketing'],
]);

/** The bulk-mail service a domain belongs to (itself or a parent), or undefined. */
export function bulkService(domain: string): string | undefined {
  for (const candidate of parentDomains(domain)) {
    const service = BULK_MAIL_DOMAINS.get(candidate);
    if (service) return service;
  }
  return undefined;
}

/**
 * A domain and each parent with at least two labels: `a.b.acme.example` → `a.b.acme.example`,
 * `b.acme.example`, `acme.example`. Subdomains count as their organisation.
 */
export function parentDomains(domain: string): string[] {
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/** Second-level suffixes under which organisations register (`acme.co.uk`), for naming an unknown sender. */
const SECOND_LEVEL = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'ltd.uk', 'plc.uk', 'me.uk', 'net.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au',
  'co.nz', 'org.nz', 'co.jp', 'ne.jp', 'or.jp', 'co.za', 'co.in', 'co.il', 'co.kr',
  'com.br', 'com.mx', 'com.ar', 'com.cn', 'com.tw', 'com.hk', 'com.sg', 'com.tr', 'com.pl',
]); // prettier-ignore

/**
 * The organisation's domain of a host name, without the public suffix list: its last two labels,
 * or three under a common second-level suffix (`mail.acme.co.uk` → `acme.co.uk`). Used only to
 * group mail from senders vrm does not know; known ones are matched by their own domains.
 */
export function organisationalDomain(domain: string): string {
  const labels = domain.split('.');
  if (labels.length <= 2) return domain;
  const lastTwo = labels.slice(-2).join('.');
  return SECOND_LEVEL.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}
