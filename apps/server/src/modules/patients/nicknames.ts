/**
 * Given names that name the same person: a formal name and the short forms and diminutives people register under
 * (English and Spanish, the desk's languages). A name may sit in several groups ("chris": Christopher, Christina).
 * Written in normalized form (lower case, no accents): "José" and "Jose" are already equal before this table.
 */
const GROUPS: readonly (readonly string[])[] = [
  ['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert', 'roberto', 'beto'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'betsy', 'eliza', 'libby', 'elisabeth'],
  ['william', 'bill', 'billy', 'will', 'willy', 'liam', 'guillermo', 'memo'],
  ['margaret', 'peggy', 'maggie', 'meg', 'marge', 'margie', 'greta', 'margarita', 'rita'],
  ['james', 'jim', 'jimmy', 'jamie', 'diego', 'santiago'],
  ['john', 'jack', 'johnny', 'jon', 'juan', 'juancho'],
  ['michael', 'mike', 'mikey', 'mick', 'miguel'],
  ['richard', 'rick', 'ricky', 'rich', 'richie', 'dick', 'ricardo'],
  ['thomas', 'tom', 'tommy', 'tomas'],
  ['joseph', 'joe', 'joey', 'jose', 'pepe', 'josephine', 'jo'],
  ['charles', 'charlie', 'chuck', 'carlos', 'charlotte'],
  ['christopher', 'chris', 'kit', 'cristobal'],
  ['christina', 'christine', 'chris', 'tina', 'cristina', 'kristina', 'kristin', 'kirsten'],
  ['david', 'dave', 'davey', 'davy'],
  ['daniel', 'dan', 'danny', 'dani'],
  ['matthew', 'matt', 'matty', 'mateo'],
  ['anthony', 'tony', 'antonio', 'toni'],
  ['steven', 'stephen', 'steve', 'stevie', 'esteban'],
  ['kenneth', 'ken', 'kenny'],
  ['andrew', 'andy', 'drew', 'andres', 'andre'],
  ['joshua', 'josh'],
  ['timothy', 'tim', 'timmy'],
  ['jennifer', 'jen', 'jenny', 'jenn'],
  ['patricia', 'pat', 'patty', 'patsy', 'trish', 'tricia'],
  ['patrick', 'pat', 'paddy', 'patricio'],
  ['susan', 'sue', 'susie', 'suzy', 'susana'],
  ['kimberly', 'kim', 'kimmy'],
  ['sandra', 'sandy'],
  ['deborah', 'debra', 'deb', 'debbie'],
  ['dorothy', 'dot', 'dottie', 'dolly'],
  ['amanda', 'mandy'],
  ['melissa', 'missy', 'mel'],
  ['jessica', 'jess', 'jessie'],
  ['nancy', 'nan', 'ann'],
  ['anna', 'ann', 'anne', 'annie', 'ana', 'hannah'],
  ['barbara', 'barb', 'babs', 'barbie'],
  ['katherine', 'catherine', 'kathryn', 'kate', 'katie', 'kathy', 'cathy', 'kat', 'catalina'],
  ['rebecca', 'becky', 'becca'],
  ['victoria', 'vicky', 'tori'],
  ['abigail', 'abby', 'gail'],
  ['gabriel', 'gabe', 'gabi'],
  ['gabriela', 'gabriella', 'gabby', 'gabi'],
  ['nathan', 'nathaniel', 'nate'],
  ['nicholas', 'nick', 'nicky', 'nicolas'],
  ['zachary', 'zach', 'zack'],
  ['frederick', 'fred', 'freddie', 'freddy'],
  ['francis', 'frank', 'frankie', 'francisco', 'paco', 'pancho', 'fran'],
  ['louis', 'lou', 'luis', 'lucho'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donnie'],
  ['gerald', 'jerry', 'gerry'],
  ['eugene', 'gene'],
  ['edward', 'ed', 'eddie', 'ted', 'teddy', 'eduardo', 'lalo'],
  ['theodore', 'ted', 'teddy', 'theo'],
  ['henry', 'hank', 'harry', 'enrique', 'kike'],
  ['harold', 'harry', 'hal'],
  ['lawrence', 'larry', 'laurence'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammy'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['alexander', 'alex', 'al', 'sasha', 'alejandro', 'alejo'],
  ['alexandra', 'alex', 'sasha', 'alejandra', 'sandra'],
  ['albert', 'al', 'bert', 'alberto', 'beto'],
  ['gregory', 'greg'],
  ['jesus', 'chuy', 'chucho'],
  ['guadalupe', 'lupe', 'lupita'],
  ['ignacio', 'nacho'],
  ['maria', 'mary', 'mari', 'marie', 'mariah', 'molly', 'polly'],
  ['lucia', 'lucy', 'luz'],
  ['sofia', 'sophia', 'sophie', 'sofi'],
  ['camila', 'camilla', 'cami'],
  ['isabella', 'isabel', 'bella', 'izzy', 'isa'],
  ['olivia', 'liv', 'livvy'],
  ['emily', 'em', 'emmy', 'emilia'],
  ['emma', 'em', 'emmy'],
  ['evelyn', 'evie', 'eve'],
  ['amelia', 'millie', 'amy'],
  ['ashley', 'ash'],
  ['carol', 'carole', 'caroline', 'carolina', 'carrie'],
  ['linda', 'lindy'],
  ['michelle', 'shelly', 'micaela'],
  ['donna', 'donnie'],
  ['paul', 'pablo', 'paulie'],
  ['mark', 'marc', 'marcos', 'marco'],
  ['brian', 'bryan'],
  ['kevin', 'kev'],
  ['george', 'georgie', 'jorge'],
  ['dmitri', 'dmitry', 'dima'],
  ['olga', 'olya'],
  ['mohammed', 'muhammad', 'mohamed', 'mohammad'],
  ['fatima', 'fatma'],
  ['sean', 'shaun', 'shawn'],
  ['zoe', 'zoey'],
  ['aiden', 'aidan'],
  ['elijah', 'eli'],
  ['ethan', 'ethen'],
  ['logan', 'logie'],
];

const GROUPS_OF = new Map<string, number[]>();
GROUPS.forEach((group, index) => {
  for (const name of group) GROUPS_OF.set(name, [...(GROUPS_OF.get(name) ?? []), index]);
});

/** True when two normalized given names are a formal name and a short form of it (or two short forms of one). */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return false;
  const left = GROUPS_OF.get(a);
  const right = GROUPS_OF.get(b);
  if (!left || !right) return false;
  return left.some((group) => right.includes(group));
}

/** The names a normalized given name is a short form of, or has as short forms (for test data). */
export function nicknamesOf(name: string): string[] {
  const groups = GROUPS_OF.get(name) ?? [];
  return [...new Set(groups.flatMap((group) => GROUPS[group] ?? []))].filter((other) => other !== name);
}
