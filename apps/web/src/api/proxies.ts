import { ZProxy, ZProxyList, type CreateProxyRequest, type Proxy } from '@patientdesk/contracts';
import { requestJson } from './client';

/** The desk's calls for the people who may act for a patient (parents, guardians, caregivers). */

const proxiesPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/proxies`;

export async function listProxies(patientId: string, signal?: AbortSignal): Promise<Proxy[]> {
  return (await requestJson(proxiesPath(patientId), ZProxyList, { signal })).items;
}

export function addProxy(patientId: string, request: CreateProxyRequest): Promise<Proxy> {
  return requestJson(proxiesPath(patientId), ZProxy, { method: 'POST', body: request });
}

export function endProxy(patientId: string, proxyId: string): Promise<Proxy> {
  return requestJson(`${proxiesPath(patientId)}/${encodeURIComponent(proxyId)}/end`, ZProxy, {
    method: 'POST',
  });
}

/** Gives the proxy their portal account: an existing patient-portal account, by its email. */
export function linkProxyAccount(patientId: string, proxyId: string, email: string): Promise<Proxy> {
  return requestJson(`${proxiesPath(patientId)}/${encodeURIComponent(proxyId)}/portal-account`, ZProxy, {
    method: 'POST',
    body: { email },
  });
}
