/** What any signed-in member of staff may see of a colleague: enough to name them, nothing more. (A .dto.ts file, so the OpenAPI plugin documents it.) */
export class ColleagueView {
  id: string;
  displayName: string;
}

export class ColleagueList {
  items: ColleagueView[];
}
