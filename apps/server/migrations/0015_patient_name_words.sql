-- Every normalized name word of an organization's patients (family, given and preferred names, each part once).
-- A typo in the search box is corrected against this short list by trigram similarity, and the corrected words are
-- then searched through the patient table's ordinary indexes: at a million patients a trigram search of the whole
-- table for a misspelled common name is far slower than either step. Words are added with the names that use them
-- and never removed (a word no patient has any longer finds nobody, which costs one indexed query).
create table patient_name_word (
  organization_id uuid not null references organization (id),
  word text collate "C" not null check (word <> '' and length(word) <= 100),
  primary key (organization_id, word)
);
create index patient_name_word_trgm on patient_name_word using gin (word gin_trgm_ops) with (fastupdate = off);

insert into patient_name_word (organization_id, word)
select distinct p.organization_id, w.word
  from patient p, unnest(string_to_array(btrim(p.name_search), ' ')) as w (word)
 where w.word <> '' and length(w.word) <= 100
on conflict do nothing;
